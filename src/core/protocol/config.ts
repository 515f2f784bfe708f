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

// Issuance (steemit/steem config.hpp; HF21 split: 65 % content, 15 % vesting, 10 % proposals, the rest witnesses).
export const blocksPerYear = 10_512_000;
export const inflationRateStartBp = 978;
export const inflationRateStopBp = 95;
export const inflationNarrowingPeriodBlocks = 250_000;
export const contentRewardPercent = 6500;
export const vestingFundPercent = 1500;
export const proposalFundPercent = 1000;
/** Witness pay weights: elected 1, the timeshare runner-up 5, over a 20 + 1 schedule (20·1 + 1·5). */
export const witnessPayNormalizationFactor = 25;

// Reward fund and payouts.
export const recentClaimsDecaySeconds = 15 * 24 * 3600;
export const vestingWithdrawIntervals = 4;
export const vestingWithdrawIntervalSeconds = 7 * 24 * 3600;

// SBD.
export const sbdPrintStartPercent = 900;
export const sbdPrintStopPercent = 1000;
export const sbdInterestPaymentSeconds = 30 * 24 * 3600;
export const secondsPerYear = 365 * 24 * 3600;

// SBD, savings, conversions, delegation returns, feeds (steemit/steem config.hpp).
export const conversionDelaySeconds = 84 * 3600;
export const savingsWithdrawSeconds = 3 * 24 * 3600;
export const savingsWithdrawRequestsMax = 100;
export const delegationReturnSeconds = 5 * 24 * 3600;
export const feedIntervalBlocks = 1200;
export const maxFeedAgeSeconds = 7 * 24 * 3600;
export const withdrawRoutesMax = 10;
export const percentCurationRewards = 5000;
/** The "post" fund's content constant and curves at HF21 (convergent_linear author, convergent_square_root curation). */
export const rewardFundName = "post";
