// Public API of telephony/sip-angular.
export {};
