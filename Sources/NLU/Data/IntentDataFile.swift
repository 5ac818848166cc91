import Foundation

/// A file of labelled messages: CSV (``IntentCSV``) or a CLINC150-style JSON object of splits
/// (``ClincDataset``), told apart by the first byte that is not white space.
public enum IntentDataFile: Sendable {
    case csv([IntentExample])
    case splits(ClincDataset)

    /// The most bytes read from one file.
    public static let maximumSize = 1 << 30

    /// Reads and parses the file at `path`.
    /// - Throws: ``IntentDataError`` naming the file (and line or entry) of the problem.
    public static func load(_ path: String) throws(IntentDataError) -> IntentDataFile {
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? NSNumber, size.intValue > maximumSize {
                throw IntentDataError.unreadable(source: path, reason: "larger than \(maximumSize >> 20) MiB")
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as IntentDataError {
            throw error
        } catch {
            throw .unreadable(source: path, reason: (error as NSError).localizedDescription)
        }
        let bytes = [UInt8](data)
        let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        if first == UInt8(ascii: "{") { return .splits(try ClincDataset(bytes, source: path)) }
        return .csv(try IntentCSV.examples(bytes, source: path))
    }
}
