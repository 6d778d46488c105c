// Test doubles of telephony/sip-core (speak the real protocol): a SIP registrar/UAS behind a JsSIP socket,
// and minimal WebRTC for Node.
export { FakeSipServer, type FakeSipServerOptions, type ServerDialog, type ServerInvite } from './fake-sip-server';
export { FakeSipSocket } from './fake-sip-socket';
export { installFakeWebRtc, FakeMediaDevices, type FakeWebRtc } from './install-fake-webrtc';
export * from './fake-webrtc';
export { answerSdp, offerSdp, sdpDirection } from './fake-sdp';
export { parseSip, header, tagOf, uriOf, cseqOf, buildSip, buildResponse, type SipMessage } from './sip-message';
export { computeHa1, verifyDigest, parseDigest } from './digest';
export { FakeLockManager, FakeChannelHub } from './fake-tabs';
export { createTestSoftphone, until, type TestSoftphone } from './test-softphone';
