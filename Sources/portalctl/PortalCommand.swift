import ArgumentParser

@main
struct PortalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portalctl",
        abstract: "Run and administer a Customer Portal.",
        discussion: "Every command works on a data folder (--data, or PORTAL_DATA; default ./data).",
        subcommands: [
            ServeCommand.self, AuditCommand.self, VerifyCommand.self, StatsCommand.self, RebuildCommand.self,
            BackupCommand.self, EraseSubjectCommand.self, AccountsCommand.self, SecurityCommand.self, CategoriesCommand.self, AnalyticsCommand.self, CertificatesCommand.self,
            SemanticCommand.self, ContentCommand.self, KnowledgeCommand.self, NLUCommand.self,
        ])
}
