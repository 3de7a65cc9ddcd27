@testable import AwardEngine
import AwardDomain
import AwardTestSupport
import AsyncHTTPClient
import Foundation
import Testing

/// Issue 30: the CCCD through a real awardd with its most talkative log. Recorded and read back
/// whole by an officer of the unit; refused when malformed, naming the field; and in none of the
/// daemon's log lines, whatever the outcome.
@Suite(.serialized) struct PersonalDataDaemonTests {
    typealias Daemon = DaemonEndToEndTests.Daemon

    @Test func theCitizenIdNeverReachesTheLog() async throws {
        let database = try await TestDatabase.create()
        defer { database.drop() }
        let engine = AwardEngine(conninfo: database.conninfo, poolSize: 1)
        let u = try await Seed.tree(engine)
        let nominee = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Nguyễn Thị Hoa", nomineeType: .individual),
                                                by: u.lan).nominee.id
        let token = try await engine.rotateToken(name: "lan").token
        try await engine.close()
        let errors = Pipe()
        let daemon = try await DaemonConfigurationTests.start(
            ["--database-url", database.conninfo, "--listen", "127.0.0.1:0", "--log-level", "trace", "--pool-size", "4", "--timer-interval", "0",
             "--webhook-interval", "0"],
            errors: errors, environment: ["AWARDD_PERSONAL_DATA_KEY": PersonalDataKey.generate()])
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let url = daemon.base + "/v1/nominees/\(nominee)/profile"
        let number = "001185012345", malformed = "0011850123456", contradicting = "001085012349"
        let (saved, body) = try await DaemonEndToEndTests.call(client, .POST, url, token: token,
                                                             json: #"{"birth_date":"1985-03-08","sex":"female","position_class":"worker","cccd":"\#(number)"}"#)
        #expect(saved == 200 && body["cccd"] as? String == number && body["cccd_masked"] as? Bool == false)
        let (read, profile) = try await DaemonEndToEndTests.call(client, .GET, url, token: token)
        #expect(read == 200 && profile["cccd"] as? String == number)
        for bad in [malformed, contradicting] {
            let (status, problem) = try await DaemonEndToEndTests.call(client, .POST, url, token: token, json: #"{"sex":"female","cccd":"\#(bad)"}"#)
            #expect(status == 400 && problem["field"] as? String == "cccd" && problem["code"] as? String == "bad_citizen_id")
            #expect(!"\(problem)".contains(bad))
        }
        try await client.shutdown()
        #expect(daemon.stop() == 0)
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("/profile"), "the requests were logged")
        for digits in [number, malformed, contradicting] { #expect(!log.contains(digits)) }
    }
}
