import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Where a webhook delivery may go. Its host is resolved once and the address that will be
/// connected is checked: refused when it lies in a non-public range (loopback, link-local, private,
/// multicast…) that no admin allowed, or when it is awardd's own listening address. The sender then
/// connects to exactly that address, keeping the URL's host for the Host header and TLS's SNI, so
/// that a name that resolves elsewhere a second time (DNS rebinding) cannot move the delivery.
public struct WebhookDestination: Sendable, Equatable {
    /// The URL's host, as written.
    public let host: String
    public let port: Int
    /// The address to connect to.
    public let address: IPAddress

    /// awardd's own listening addresses (set at start-up): never a webhook's destination.
    public static let ownListeners = OwnListeners()

    public final class OwnListeners: Sendable {
        private let entries = Mutex<[(IPAddress, Int)]>([])
        /// Records a listener (an unspecified address stands for every address of the machine).
        public func add(host: String, port: Int) {
            guard let address = IPAddress(host) else { return }
            entries.withLock { $0.append((address, port)) }
        }
        func contains(_ address: IPAddress, port: Int, also recorded: [(IPAddress, Int)] = []) -> Bool {
            entries.withLock { list in
                (list + recorded).contains { own, ownPort in
                    guard ownPort == port else { return false }
                    let unspecified = own.bytes.allSatisfy { $0 == 0 }
                    return own == address || (unspecified && WebhookDestination.isLocal(address))
                        || IPNetwork.loopback.contains { $0.contains(address) } && IPNetwork.loopback.contains { $0.contains(own) }
                }
            }
        }
    }

    /// Resolves `url`'s host (once) and checks the address it gives against `allowed`, and against
    /// awardd's listeners (this process's, and those `listeners` recorded in the database).
    public static func resolve(_ url: String, allowed: [IPNetwork], listeners: [(IPAddress, Int)] = []) throws(AwardError) -> WebhookDestination {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = components.host, !host.isEmpty else {
            throw AwardError(.invalidInput, code: .badWebhookUrl, "url is not an http:// or https:// address",
                             vi: "Địa chỉ nhận (url) không hợp lệ: phải bắt đầu bằng http:// hoặc https://.")
        }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        guard let address = IPAddress(host) ?? lookup(host) else {
            throw AwardError(.invalidInput, code: .badWebhookUrl, "the host \(host) of the webhook cannot be resolved",
                             vi: "Không phân giải được tên máy chủ \(host) của địa chỉ nhận webhook.")
        }
        if ownListeners.contains(address, port: port, also: listeners) {
            throw refusal(host, address, "it is awardd's own address", "đó là địa chỉ của chính awardd")
        }
        let nonPublic = IPNetwork.nonPublic.contains { $0.contains(address) }
        if nonPublic && !allowed.contains(where: { $0.contains(address) }) {
            throw refusal(host, address, "it lies in a loopback, link-local or private range no admin allowed (awardctl webhook allow CIDR)",
                          "địa chỉ này thuộc dải nội bộ (loopback, link-local, mạng riêng) chưa được quản trị viên cho phép (awardctl webhook allow CIDR)")
        }
        return WebhookDestination(host: host, port: port, address: address)
    }

    static func refusal(_ host: String, _ address: IPAddress, _ en: String, _ vi: String) -> AwardError {
        AwardError(.forbidden, code: .webhookDestinationRefused, "a webhook may not be delivered to \(host) (\(address)): \(en)",
                   vi: "Không được gửi webhook tới \(host) (\(address)): \(vi).")
    }

    /// The first address `host` resolves to.
    static func lookup(_ host: String) -> IPAddress? {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0, let first = result else { return nil }
        defer { freeaddrinfo(result) }
        return address(of: first.pointee.ai_addr)
    }

    static func address(of socket: UnsafeMutablePointer<sockaddr>?) -> IPAddress? {
        guard let socket else { return nil }
        switch Int32(socket.pointee.sa_family) {
        case AF_INET:
            return socket.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                var address = pointer.pointee.sin_addr
                return IPAddress(bytes: withUnsafeBytes(of: &address) { Array($0) })
            }
        case AF_INET6:
            return socket.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                var address = pointer.pointee.sin6_addr
                let bytes = withUnsafeBytes(of: &address) { Array($0) }
                return IPAddress(IPAddress(bytes: bytes).description)
            }
        default:
            return nil
        }
    }

    /// Whether `address` is one of this machine's (its interfaces', or loopback).
    static func isLocal(_ address: IPAddress) -> Bool {
        if IPNetwork.loopback.contains(where: { $0.contains(address) }) { return true }
        var interfaces: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&interfaces) == 0 else { return false }
        defer { freeifaddrs(interfaces) }
        var cursor = interfaces
        while let entry = cursor {
            if let own = Self.address(of: entry.pointee.ifa_addr), own == address { return true }
            cursor = entry.pointee.ifa_next
        }
        return false
    }
}

extension IPNetwork {
    /// 127.0.0.0/8 and ::1.
    static let loopback: [IPNetwork] = [IPNetwork("127.0.0.0/8")!, IPNetwork("::1/128")!]
}
