/// Keys of the `meta` database.
enum MetaKey {
    static let format = "format"
    static let createdAt = "created-at"
    static let nextStreamNumber = "next-stream-number"
}
