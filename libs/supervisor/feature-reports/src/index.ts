// Public API of supervisor/feature-reports.
export {};
