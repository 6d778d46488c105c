// Public API of telephony/sip-core.
export {};
