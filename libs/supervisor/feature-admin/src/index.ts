// Public API of supervisor/feature-admin.
export {};
