import AwardEngine
import AwardPostgres
import Logging

extension Awardd {
    /// The key that seals citizen identity numbers: the configured secret; with the embedded
    /// cluster, the file beside its data directory (made on first start); else none, and numbers
    /// cannot be recorded.
    static func personalDataKey(_ s: Settings, local: LocalCluster?, logger: Logger) throws(AwardError) -> PersonalDataKey? {
        if let text = s.personalDataKey { return try PersonalDataKey(base64: text) }
        if let local { return try PersonalDataKey.loadOrCreate(path: PersonalDataKey.localPath(dataDirectory: local.dataDirectory)) }
        logger.warning("no personal-data-key: citizen identity numbers (CCCD) cannot be recorded or read")
        return nil
    }
}
