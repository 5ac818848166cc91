import BlobStore
import Domain
import Foundation

/// How tickets behave on this portal: the workflow's windows, the SLA targets and business calendar,
/// and what may be attached.
public struct TicketSettings: Sendable {
    public var policy = TicketPolicy()
    /// Monday to Friday, 9:00–17:00 UTC, no holidays, until the operator sets the team's calendar.
    public var sla = SLAPolicy(calendar: .officeHours(TimeZone(identifier: "UTC")!))
    /// 10 MiB per file, 25 MiB and 10 files per ticket (opening form and each comment count separately
    /// for the per-request limit; the per-ticket total counts everything ever attached).
    public var attachments = AttachmentPolicy()
    /// How often the SLA and housekeeping reactor looks for due warnings, breaches, auto-closes and archiving.
    public var reactorInterval: Duration = .seconds(30)
    /// Ticket writes per account (opening, comments, status and priority changes, drafts, ratings):
    /// generous for people, tight enough to stop a script filling the log.
    public var writesPerAccount = RateLimit(capacity: 60, per: .seconds(60))

    public init() {}

    /// The largest multipart body accepted: a full set of files plus room for the text fields.
    var maxMultipartBytes: Int { attachments.maxTicketBytes + (1 << 20) }
}
