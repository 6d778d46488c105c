// Public API of shared/util-metrics.
export {};
