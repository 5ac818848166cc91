/// Sizes for people: "512 bytes", "64 KB", "10 MB", "1.5 GB" (powers of 1024, as file managers show them).
enum ByteCountText {
    static func format(_ bytes: Int) -> String {
        let units = ["KB", "MB", "GB", "TB"]
        if bytes < 1024 { return bytes == 1 ? "1 byte" : "\(bytes) bytes" }
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let rounded = (value * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return "\(text) \(units[unit])"
    }
}
