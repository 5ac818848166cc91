import Foundation

/// Tutorial settings (`portalctl serve` options and `PortalConfiguration.tutorials`).
public struct TutorialSettings: Sendable {
    /// The largest video an editor may upload, in bytes (`--video-limit-mb`).
    public var videoLimit = 200 << 20
    /// The largest poster, demo image or captions file, in bytes.
    public var imageLimit = 5 << 20
    /// Import the demo tutorial (and its video) when the portal has no tutorials yet (`make serve`).
    public var demoContent = false
    /// The portal's public address, printed on certificates for the verification page.
    public var publicURL = "http://localhost:8080"

    public init() {}
}
