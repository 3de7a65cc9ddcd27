import ArgumentParser
import AwardEngine

// The engine's values as command-line arguments: each parsed once, here.

extension OrgLevel: ExpressibleByArgument {}
extension NomineeType: ExpressibleByArgument {}
extension DocumentType: ExpressibleByArgument {}
extension CommendationType: ExpressibleByArgument {}
extension TaskRating: ExpressibleByArgument {}
extension Role: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}

/// A date on the command line: dd/mm/yyyy as officers write it, or YYYY-MM-DD.
extension CivilDate: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(parsing: argument)
    }

    public var defaultValueDescription: String { vietnamese }
}
