// Public API of supervisor/data-access-live.
export {};
