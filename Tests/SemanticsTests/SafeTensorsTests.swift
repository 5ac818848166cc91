import Foundation
import Semantics
import Testing

@Suite("Reading safetensors files")
struct SafeTensorsTests {
    /// Writes a file: 8-byte little-endian header length, the header, then `data`.
    func file(header: String, data: [Float] = [], declaredLength: UInt64? = nil, cut: Int = 0) throws -> String {
        let headerBytes = Array(header.utf8)
        var bytes: [UInt8] = []
        let length = declaredLength ?? UInt64(headerBytes.count)
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: length >> UInt64(shift))) }
        bytes += headerBytes
        for value in data {
            let bits = value.bitPattern
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt32(shift))) }
        }
        bytes.removeLast(min(cut, bytes.count))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("safetensors-\(UUID()).safetensors").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    let matrix = #"{"__metadata__":{"format":"pt"},"m":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},"#
        + #""h":{"dtype":"F16","shape":[2],"data_offsets":[16,20]}}"#

    @Test("a float32 tensor is read in place with its values")
    func reads() throws {
        // 4 floats for m, then 4 bytes (one float's worth) for the F16 tensor h.
        let path = try file(header: matrix, data: [1, 2, 3, 4.5, 0])
        let tensors = try SafeTensors(path: path)
        #expect(Array(try tensors.floats("m", shape: [2, 2])) == [1, 2, 3, 4.5])
        #expect(tensors.entries["h"]?.dtype == "F16")
        #expect(tensors.entries["__metadata__"] == nil)
    }

    @Test("a truncated file is refused with the size it needs")
    func truncated() throws {
        let tooShort = try file(header: "", declaredLength: 0, cut: 3)
        #expect(throws: SafeTensorsError.truncated(path: tooShort, size: 5, needed: 8)) { try SafeTensors(path: tooShort) }
        let cutHeader = try file(header: matrix, cut: 10)
        #expect(throws: SafeTensorsError.self) { try SafeTensors(path: cutHeader) }
        let cutData = try file(header: matrix, data: [1, 2, 3], cut: 0)
        let error = #expect(throws: SafeTensorsError.self) { try SafeTensors(path: cutData) }
        guard case .offsetsOutOfRange(_, _, _, _, 12)? = error else {
            Issue.record("expected offsets outside the 12 bytes of data, got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains(cutData) == true)
    }

    @Test("a header that is not JSON, or absurdly long, is refused")
    func badHeader() throws {
        let notJSON = try file(header: "{this is not json", data: [1])
        let error = #expect(throws: SafeTensorsError.self) { try SafeTensors(path: notJSON) }
        guard case .headerNotJSON? = error else { Issue.record("got \(String(describing: error))"); return }
        let array = try file(header: "[1, 2]")
        #expect(throws: SafeTensorsError.headerNotJSON(path: array, detail: "the header is JSON but not an object of tensors")) {
            try SafeTensors(path: array)
        }
        let huge = try file(header: "{}", declaredLength: 1 << 40)
        #expect(throws: SafeTensorsError.headerTooLarge(path: huge, length: 1 << 40, limit: SafeTensors.maximumHeaderLength)) {
            try SafeTensors(path: huge)
        }
        let incomplete = try file(header: #"{"m":{"dtype":"F32","shape":[1]}}"#, data: [1])
        #expect(throws: SafeTensorsError.invalidEntry(path: incomplete, tensor: "m", detail: "it needs a dtype, a shape and two data_offsets")) {
            try SafeTensors(path: incomplete)
        }
    }

    @Test("asking for a tensor that is missing, of another dtype or another shape names it")
    func lookups() throws {
        let path = try file(header: matrix, data: [1, 2, 3, 4, 0])
        let tensors = try SafeTensors(path: path)
        #expect(throws: SafeTensorsError.missingTensor(path: path, tensor: "encoder.layer.0.x")) {
            try tensors.floats("encoder.layer.0.x", shape: [2])
        }
        #expect(throws: SafeTensorsError.wrongDType(path: path, tensor: "h", found: "F16", expected: "F32")) {
            try tensors.floats("h", shape: [2])
        }
        #expect(throws: SafeTensorsError.shapeMismatch(path: path, tensor: "m", found: [2, 2], expected: [4])) {
            try tensors.floats("m", shape: [4])
        }
        #expect(SafeTensorsError.missingTensor(path: path, tensor: "x").description.contains("has no tensor x"))
    }

    @Test("offsets that disagree with the shape are refused")
    func inconsistentOffsets() throws {
        let path = try file(header: #"{"m":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: [1, 2])
        let error = #expect(throws: SafeTensorsError.self) { try SafeTensors(path: path) }
        guard case .invalidEntry(_, "m", _)? = error else { Issue.record("got \(String(describing: error))"); return }
        let backwards = try file(header: #"{"m":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}}"#, data: [1, 2])
        #expect(throws: SafeTensorsError.offsetsOutOfRange(path: backwards, tensor: "m", begin: 8, end: 4, dataSize: 8)) {
            try SafeTensors(path: backwards)
        }
    }

    @Test("a missing file is refused with the system's reason")
    func missingFile() {
        let error = #expect(throws: SafeTensorsError.self) { try SafeTensors(path: "/nonexistent/model.safetensors") }
        #expect(error?.description.contains("/nonexistent/model.safetensors") == true)
    }
}
