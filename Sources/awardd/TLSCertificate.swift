import Foundation
import Logging
import NIOSSL
import ServiceLifecycle
import Synchronization
import UnixSignals

/// The certificate and key awardd serves TLS with (`--tls-certificate`, `--tls-key`, PEM), read
/// again on SIGHUP: each new handshake takes the pair read last, connections already open keep
/// theirs. A pair that does not load (a half-copied file, a key that is not the certificate's)
/// is refused and the previous one stays.
final class TLSCertificate: Sendable {
    let certificatePath: String
    let keyPath: String
    private let current: Mutex<Pair>

    struct Pair: Sendable {
        var chain: [NIOSSLCertificate]
        var key: NIOSSLPrivateKey
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(certificatePath: String, keyPath: String) throws(Failure) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        current = Mutex(try Self.load(certificatePath: certificatePath, keyPath: keyPath))
    }

    static func load(certificatePath: String, keyPath: String) throws(Failure) -> Pair {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do { chain = try NIOSSLCertificate.fromPEMFile(certificatePath) } catch {
            throw Failure(description: "tls-certificate \(certificatePath) is not a readable PEM certificate chain")
        }
        guard !chain.isEmpty else { throw Failure(description: "tls-certificate \(certificatePath) holds no certificate") }
        do { key = try NIOSSLPrivateKey(file: keyPath, format: .pem) } catch {
            throw Failure(description: "tls-key \(keyPath) is not a readable PEM private key")
        }
        // The key must be the certificate's: a context built from both refuses a mismatch.
        do {
            _ = try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key)))
        } catch {
            throw Failure(description: "tls-key \(keyPath) is not the key of the certificate in \(certificatePath)")
        }
        return Pair(chain: chain, key: key)
    }

    /// Reads the files again; on failure the pair in use stays.
    func reload() throws(Failure) {
        let pair = try Self.load(certificatePath: certificatePath, keyPath: keyPath)
        current.withLock { $0 = pair }
    }

    /// The server's TLS configuration: TLS 1.2 and later, HTTP/1.1, the current pair per handshake.
    var configuration: TLSConfiguration {
        let pair = current.withLock { $0 }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: pair.chain.map { .certificate($0) }, privateKey: .privateKey(pair.key))
        configuration.minimumTLSVersion = .tlsv12
        configuration.applicationProtocols = ["http/1.1"]
        configuration.sslContextCallback = { [self] _, promise in
            let pair = current.withLock { $0 }
            var override = NIOSSLContextConfigurationOverride()
            override.certificateChain = pair.chain.map { .certificate($0) }
            override.privateKey = .privateKey(pair.key)
            promise.succeed(override)
        }
        return configuration
    }

    /// Reloads the pair on each SIGHUP until awardd stops.
    struct ReloadService: Service {
        let certificate: TLSCertificate
        let logger: Logger

        func run() async throws {
            let signals = await UnixSignalsSequence(trapping: .sighup)
            for await _ in signals.cancelOnGracefulShutdown() {
                do {
                    try certificate.reload()
                    logger.notice("TLS certificate reloaded", metadata: ["tls.certificate": "\(certificate.certificatePath)"])
                } catch {
                    logger.error("TLS certificate not reloaded; the previous one stays", metadata: ["error": "\(error.description)"])
                }
            }
        }
    }
}
