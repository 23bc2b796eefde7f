import path from 'node:path';

/** The repository root, whether this runs from src/ (tests) or dist/ (npm start). */
export const projectRoot = path.resolve(__dirname, '..');
