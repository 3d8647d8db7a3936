// The push and pull flows' public face: the editor and the command line import src/sync only from here.
export * from './apply';
export * from './describe';
export * from './keyGate';
export * from './limit';
export * from './prepare';
export * from './push';
export * from './serverProblem';
export * from './types';
export * from './pullText';
export * from './pull';
export * from './fileGate';
export * from './duplicates';
export * from './drift';
export * from './lockFile';
export * from './lockStore';
export * from './values';
export * from './rotate';
