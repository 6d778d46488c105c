// Real SIP peers for tests and benchmarks, on loopback only: Kamailio, rtpengine and SIPp.
export { Kamailio, KamailioStartError, type KamailioOptions, renderKamailioConfig } from './kamailio';
export { RtpEngine, RtpEngineStartError } from './rtpengine';
export { runSipp, runSippCall, type SippCallOptions, type SippResult, type SippRunOptions } from './sipp';
export { ensureSipPrograms, KAMAILIO, RTPENGINE, SIPP, SipProgramMissingError, type SipProgram } from './packages';
export { freeLoopbackPort, waitUntil } from './ports';
