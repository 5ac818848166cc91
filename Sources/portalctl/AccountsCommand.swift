import ArgumentParser
import Domain
import PortalAPI

extension Role: ExpressibleByArgument {}

struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts", abstract: "Look after customer accounts (works with the server running or stopped).",
        discussion: "ACCOUNT is an account id (UUID or account-<uuid>) or an e-mail address.",
        subcommands: [Show.self, ForceLogout.self, Unlock.self, FlagCompromised.self, GrantRole.self, RevokeRole.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Status, lock and sessions of an account.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Account id or e-mail address.") var account: String
        @Flag(help: "One JSON object.") var json = false
        func run() async throws { try await AdminRunner.run(.showAccount(account), global: global, json: json) }
    }

    struct ForceLogout: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "force-logout", abstract: "End every session of an account at once.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Account id or e-mail address.") var account: String
        @Flag(help: "One JSON object.") var json = false
        func run() async throws { try await AdminRunner.run(.forceLogout(account), global: global, json: json) }
    }

    struct Unlock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unlock", abstract: "Lift a lock after repeated failed sign-ins.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Account id or e-mail address.") var account: String
        @Flag(help: "One JSON object.") var json = false
        func run() async throws { try await AdminRunner.run(.unlock(account), global: global, json: json) }
    }

    struct GrantRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "grant-role", abstract: "Give an account the agent, admin or analyst role.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Account id or e-mail address.") var account: String
        @Argument(help: "agent, admin or analyst.") var role: Role
        @Flag(help: "One JSON object.") var json = false
        func run() async throws { try await AdminRunner.run(.grantRole(account, role), global: global, json: json) }
    }

    struct RevokeRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke-role", abstract: "Take a role away from an account.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Account id or e-mail address.") var account: String
        @Argument(help: "agent, admin or analyst.") var role: Role
        @Flag(help: "One JSON object.") var json = false
        func run() async throws { try await AdminRunner.run(.revokeRole(account, role), global: global, json: json) }
    }

    struct FlagCompromised: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "flag-compromised", abstract: "End every session and require a password change at the next sign-in.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Account id or e-mail address.") var account: String
        @Flag(help: "One JSON object.") var json = false
        func run() async throws { try await AdminRunner.run(.flagCompromised(account), global: global, json: json) }
    }
}
