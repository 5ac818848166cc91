import ArgumentParser
import NLU

/// The training, validation and test messages `portalctl nlu eval` was pointed at.
struct NLUEvalData {
    var train: [IntentExample]
    /// Nil: the trainer holds out part of `train`.
    var validation: [IntentExample]?
    var test: [IntentExample]
    var oosLabel: String?

    /// Reads the files: CSV files whole; for CLINC150-style JSON, `train` from the training file,
    /// `val` + `oos_val` and `test` + `oos_test` from the validation and test files (the training
    /// file's when not given).
    init(train trainPath: String, val valPath: String?, test testPath: String?, oosLabel: String?) throws {
        let trainFile = try IntentDataFile.load(trainPath)
        var json = false
        switch trainFile {
        case let .csv(rows):
            train = rows
        case let .splits(splits):
            json = true
            train = try splits.examples(["train"])
        }
        func split(_ file: IntentDataFile, _ names: [String]) throws -> [IntentExample] {
            switch file {
            case let .csv(rows): return rows
            case let .splits(splits):
                json = true
                return try splits.examples(names.filter { $0 == names[0] || splits.has($0) })
            }
        }
        if let valPath {
            validation = try split(try IntentDataFile.load(valPath), ["val", "oos_val"])
        } else if case let .splits(splits) = trainFile, splits.has("val") {
            validation = try split(trainFile, ["val", "oos_val"])
        }
        if let testPath {
            test = try split(try IntentDataFile.load(testPath), ["test", "oos_test"])
        } else if case .splits = trainFile {
            test = try split(trainFile, ["test", "oos_test"])
        } else {
            throw ValidationError("--test FILE is needed: \(trainPath) is CSV, and only CLINC150-style JSON carries its own test split")
        }
        self.oosLabel = oosLabel ?? (json ? ClincDataset.outOfScopeLabel : nil)
    }
}
