// Test doubles of api/feature-realtime (speak the real protocol).
export {};
