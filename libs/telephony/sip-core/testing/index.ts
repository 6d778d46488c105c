// Test doubles of telephony/sip-core (speak the real protocol).
export {};
