/** This process's tree and checkpoints, in LOCAL_DIR. */
export const TREE_FILE = 'merkle-tree.db';
export const CHECKPOINTS_FILE = 'checkpoints.db';
/** The projection runner that feeds the tree (the read models have their own). */
export const TREE_RUNNER = Symbol('TreeRunner');
