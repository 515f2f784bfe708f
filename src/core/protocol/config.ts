/** Protocol constants (Steem HF23 values unless noted) and the limits Kettle enforces. */
export const percent100 = 10000;
export const blockIntervalSecondsDefault = 3;
export const maxTimeUntilExpirationSeconds = 3600;
export const taposWindowBlocks = 65536;
export const maximumBlockSizeDefault = 65536;
/** A transaction may use the block size minus this much (room for the header). */
export const blockHeaderReserveBytes = 256;
export const transactionBytesMax = maximumBlockSizeDefault - blockHeaderReserveBytes;

export const accountNameLengthMin = 3;
export const accountNameLengthMax = 16;
export const permlinkBytesMax = 255;
export const memoBytesMax = 2047;
export const commentTitleBytesMax = 255;
export const customIdLengthMax = 32;
export const customJsonBytesMax = 8192;
export const authorityMembershipMax = 40;
export const beneficiariesMax = 127;
export const signatureCheckDepthMax = 2;
export const commentDepthMax = 65535;

export const rootPostIntervalSeconds = 300;
export const replyIntervalSeconds = 3;
export const editIntervalSeconds = 3;
export const cashoutWindowSeconds = 7 * 24 * 3600;
export const ownerUpdateLimitSeconds = 3600;

export const voteRegenerationSeconds = 432000;
export const votePowerReserveRate = 10;
export const voteDustThreshold = 50_000_000n;
export const upvoteLockoutSeconds = 43200;
export const minVoteIntervalSeconds = 3;
export const maxVoteChanges = 5;
export const downvotePoolPercent = 2500;
export const reverseAuctionSeconds = 300;

export const createAccountWithSteemModifier = 30;
export const createAccountDelegationRatio = 5;
export const createAccountDelegationTimeSeconds = 30 * 24 * 3600;

/** The time that means "never" (time_point_sec::maximum()). */
export const timeNever = 0xffffffff;
export const maxAcceptedPayoutDefault = 1_000_000_000n;

export const nullAccount = "null";
export const tempAccount = "temp";
export const initMinerName = "initminer";
export const treasuryAccount = "steem.dao";
