import Foundation

/// Read-only access to the tensors of a `.safetensors` file, memory-mapped.
///
/// The format: an 8-byte little-endian header length `N`, then `N` bytes of JSON mapping each
/// tensor name to `{"dtype", "shape", "data_offsets": [begin, end]}` (offsets relative to the
/// byte after the header), then the data. Everything is checked when the file is opened, so a
/// damaged file fails at start-up with a ``SafeTensorsError`` rather than with wrong numbers later.
///
/// `@unchecked Sendable`: the mapping and the parsed header never change after `init`.
public final class SafeTensors: @unchecked Sendable {
    /// One tensor's entry in the header.
    public struct Entry: Sendable, Equatable {
        public let dtype: String
        public let shape: [Int]
        /// Byte range in the data section.
        public let dataRange: Range<Int>
    }

    /// The largest header accepted: the format's own limit.
    public static let maximumHeaderLength = 100_000_000

    public let path: String
    /// The tensors by name (the `__metadata__` entry is left out).
    public let entries: [String: Entry]

    private let file: MappedFile
    /// The data section: in the mapping, or an aligned copy when the header length leaves the
    /// mapped data unaligned for floats (writers normally pad the header to avoid that).
    private let data: UnsafeRawPointer
    private let copy: UnsafeMutableRawPointer?

    /// Opens and validates the file at `path`.
    /// - Throws: ``SafeTensorsError`` naming the file and what is wrong with it.
    public init(path: String) throws(SafeTensorsError) {
        self.path = path
        do {
            file = try MappedFile(path: path)
        } catch {
            throw .cannotOpen(path: path, reason: error.description)
        }
        let bytes = file.bytes
        guard bytes.count >= 8 else {
            throw .truncated(path: path, size: bytes.count, needed: 8)
        }
        var length: UInt64 = 0
        for index in (0..<8).reversed() { length = length << 8 | UInt64(bytes[index]) }
        guard length <= UInt64(Self.maximumHeaderLength) else {
            throw .headerTooLarge(path: path, length: length, limit: Self.maximumHeaderLength)
        }
        let headerLength = Int(length)
        guard bytes.count >= 8 + headerLength else {
            throw .truncated(path: path, size: bytes.count, needed: 8 + headerLength)
        }
        let dataStart = 8 + headerLength
        let header = Data(bytes[8..<dataStart])
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: header)
        } catch {
            throw .headerNotJSON(path: path, detail: "the \(headerLength)-byte header does not parse as JSON")
        }
        guard let object = json as? [String: Any] else {
            throw .headerNotJSON(path: path, detail: "the header is JSON but not an object of tensors")
        }
        let dataSize = bytes.count - dataStart
        var entries: [String: Entry] = [:]
        for (name, value) in object where name != "__metadata__" {
            entries[name] = try Self.entry(name, value, dataSize: dataSize, path: path)
        }
        self.entries = entries
        if dataStart % MemoryLayout<Float>.alignment == 0 || dataSize == 0 {
            data = UnsafeRawPointer(bytes.baseAddress!) + dataStart
            copy = nil
        } else {
            let aligned = UnsafeMutableRawPointer.allocate(byteCount: dataSize, alignment: 64)
            aligned.copyMemory(from: bytes.baseAddress! + dataStart, byteCount: dataSize)
            data = UnsafeRawPointer(aligned)
            copy = aligned
        }
    }

    deinit {
        copy?.deallocate()
    }

    /// The float32 tensor `name`, which must have exactly `shape`.
    ///
    /// The buffer points into the mapping and stays valid as long as this object lives.
    /// - Throws: ``SafeTensorsError/missingTensor(path:tensor:)``, ``SafeTensorsError/wrongDType(path:tensor:found:expected:)``
    ///   or ``SafeTensorsError/shapeMismatch(path:tensor:found:expected:)``.
    public func floats(_ name: String, shape: [Int]) throws(SafeTensorsError) -> UnsafeBufferPointer<Float> {
        guard let entry = entries[name] else { throw .missingTensor(path: path, tensor: name) }
        guard entry.dtype == "F32" else {
            throw .wrongDType(path: path, tensor: name, found: entry.dtype, expected: "F32")
        }
        guard entry.shape == shape else {
            throw .shapeMismatch(path: path, tensor: name, found: entry.shape, expected: shape)
        }
        let start = data + entry.dataRange.lowerBound
        guard Int(bitPattern: start) % MemoryLayout<Float>.alignment == 0 else {
            throw .misaligned(path: path, tensor: name)
        }
        // The data is little-endian float32, as on every platform this runs on.
        guard !entry.dataRange.isEmpty else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: start.assumingMemoryBound(to: Float.self), count: entry.dataRange.count / 4)
    }

    private static let elementSizes = [
        "F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1,
    ]

    private static func entry(_ name: String, _ value: Any, dataSize: Int, path: String) throws(SafeTensorsError) -> Entry {
        guard let fields = value as? [String: Any],
              let dtype = fields["dtype"] as? String,
              let shapeValues = fields["shape"] as? [Any],
              let offsetValues = fields["data_offsets"] as? [Any], offsetValues.count == 2
        else {
            throw .invalidEntry(path: path, tensor: name, detail: "it needs a dtype, a shape and two data_offsets")
        }
        let shape = shapeValues.compactMap { ($0 as? NSNumber)?.intValue }
        let offsets = offsetValues.compactMap { ($0 as? NSNumber)?.intValue }
        guard shape.count == shapeValues.count, shape.allSatisfy({ $0 >= 0 }), offsets.count == 2 else {
            throw .invalidEntry(path: path, tensor: name, detail: "its shape and data_offsets must be non-negative integers")
        }
        let (begin, end) = (offsets[0], offsets[1])
        guard begin >= 0, begin <= end, end <= dataSize else {
            throw .offsetsOutOfRange(path: path, tensor: name, begin: begin, end: end, dataSize: dataSize)
        }
        if let size = elementSizes[dtype] {
            let expected = shape.reduce(size, *)
            guard end - begin == expected else {
                throw .invalidEntry(
                    path: path, tensor: name,
                    detail: "its shape \(shape) of \(dtype) needs \(expected) bytes but data_offsets span \(end - begin)")
            }
        }
        return Entry(dtype: dtype, shape: shape, dataRange: begin..<end)
    }
}
