/// Why the workflow refused a command. Pure data: the engine maps it to an ``AwardError``.
public struct WorkflowError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The code (``ErrorCode/wrongState``, ``ErrorCode/wrongOrg``, ``ErrorCode/documentsMissing``…).
    public let code: ErrorCode
    /// A sentence naming the state, command, org or field at fault.
    public let message: String
    /// The same sentence in Vietnamese.
    public let vi: String
    /// For ``ErrorCode/wrongOrg``: the org that may act.
    public var expectedOrg: Int64? = nil

    public init(code: ErrorCode, message: String, vi: String? = nil, expectedOrg: Int64? = nil) {
        self.code = code
        self.message = message
        self.vi = vi ?? code.vietnamese
        self.expectedOrg = expectedOrg
    }

    public var description: String { message }
}
