/// A file's size as an officer reads it: "850 KB", "1,5 MB" (decimal units, a decimal comma).
public enum ByteSize {
    public static func vietnamese(_ bytes: Int) -> String {
        if bytes < 1_000 { return "\(bytes) byte" }
        if bytes < 1_000_000 { return "\((bytes + 999) / 1_000) KB" }
        let tenths = (bytes + 99_999) / 100_000
        return tenths % 10 == 0 || tenths >= 100 ? "\((tenths + 5) / 10) MB" : "\(tenths / 10),\(tenths % 10) MB"
    }
}

extension ByteSize {
    /// A limit, rounded down so that a file the label admits is never refused: 10 MiB is "10 MB".
    public static func limit(_ bytes: Int) -> String {
        bytes >= 1_000_000 ? "\(bytes / 1_000_000) MB" : "\(bytes / 1_000) KB"
    }
}
