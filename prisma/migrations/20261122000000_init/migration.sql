-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'SUPERVISOR', 'AGENT');

-- CreateEnum
CREATE TYPE "OutboundClass" AS ENUM ('INTERNAL', 'LOCAL', 'NATIONAL', 'INTERNATIONAL');

-- CreateEnum
CREATE TYPE "QueueStrategy" AS ENUM ('ring-all', 'longest-idle-agent', 'round-robin', 'top-down', 'agent-with-least-talk-time', 'agent-with-fewest-calls', 'sequentially-by-agent-order', 'random', 'ring-progressively');

-- CreateEnum
CREATE TYPE "AgentStatus" AS ENUM ('LOGGED_OUT', 'AVAILABLE', 'AVAILABLE_ON_DEMAND', 'ON_BREAK');

-- CreateEnum
CREATE TYPE "AgentState" AS ENUM ('IDLE', 'WAITING', 'RECEIVING', 'IN_A_QUEUE_CALL', 'RESERVED');

-- CreateEnum
CREATE TYPE "CallDirection" AS ENUM ('INBOUND', 'OUTBOUND', 'INTERNAL');

-- CreateEnum
CREATE TYPE "HangupSide" AS ENUM ('CALLER', 'CALLEE', 'SYSTEM');

-- CreateEnum
CREATE TYPE "QueueOutcome" AS ENUM ('ANSWERED', 'ABANDONED', 'TIMEOUT', 'NO_AGENT', 'OTHER');

-- CreateEnum
CREATE TYPE "StatusSource" AS ENUM ('AGENT', 'SUPERVISOR', 'SYSTEM', 'FREESWITCH');

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "lastLoginAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "refreshTokenHash" TEXT NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SipCredential" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "extensionId" UUID NOT NULL,
    "a1Hash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "SipCredential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Extension" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "a1Hash" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "outboundClass" "OutboundClass" NOT NULL DEFAULT 'INTERNAL',
    "callerIdNumber" TEXT,
    "callerIdName" TEXT,
    "callGroup" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Extension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Agent" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "extensionId" UUID,
    "name" TEXT NOT NULL,
    "wrapUpTime" INTEGER NOT NULL DEFAULT 10,
    "maxNoAnswer" INTEGER NOT NULL DEFAULT 3,
    "noAnswerDelayTime" INTEGER NOT NULL DEFAULT 10,
    "rejectDelayTime" INTEGER NOT NULL DEFAULT 10,
    "busyDelayTime" INTEGER NOT NULL DEFAULT 60,
    "status" "AgentStatus" NOT NULL DEFAULT 'LOGGED_OUT',
    "state" "AgentState" NOT NULL DEFAULT 'WAITING',
    "statusChangedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stateChangedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Agent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Queue" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "number" TEXT,
    "displayName" TEXT NOT NULL,
    "strategy" "QueueStrategy" NOT NULL DEFAULT 'longest-idle-agent',
    "mohSound" TEXT NOT NULL DEFAULT 'local_stream://moh',
    "recordTemplate" TEXT,
    "timeBaseScore" TEXT NOT NULL DEFAULT 'system',
    "maxWaitTime" INTEGER NOT NULL DEFAULT 0,
    "maxWaitTimeWithNoAgent" INTEGER NOT NULL DEFAULT 0,
    "maxWaitTimeWithNoAgentTimeReached" INTEGER NOT NULL DEFAULT 5,
    "tierRulesApply" BOOLEAN NOT NULL DEFAULT false,
    "tierRuleWaitSecond" INTEGER NOT NULL DEFAULT 300,
    "tierRuleWaitMultiplyLevel" BOOLEAN NOT NULL DEFAULT true,
    "tierRuleNoAgentNoWait" BOOLEAN NOT NULL DEFAULT false,
    "discardAbandonedAfter" INTEGER NOT NULL DEFAULT 60,
    "abandonedResumeAllowed" BOOLEAN NOT NULL DEFAULT false,
    "serviceLevelSeconds" INTEGER NOT NULL DEFAULT 20,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Queue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Tier" (
    "id" UUID NOT NULL,
    "agentId" UUID NOT NULL,
    "queueId" UUID NOT NULL,
    "level" INTEGER NOT NULL DEFAULT 1,
    "position" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Tier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Call" (
    "id" UUID NOT NULL,
    "node" TEXT NOT NULL,
    "uuid" TEXT NOT NULL,
    "channelUuids" TEXT[],
    "direction" "CallDirection" NOT NULL,
    "fromNumber" TEXT,
    "fromName" TEXT,
    "toNumber" TEXT,
    "toName" TEXT,
    "queueId" UUID,
    "queueName" TEXT,
    "agentId" UUID,
    "agentName" TEXT,
    "startedAt" TIMESTAMPTZ(6) NOT NULL,
    "answeredAt" TIMESTAMPTZ(6),
    "bridgedAt" TIMESTAMPTZ(6),
    "endedAt" TIMESTAMPTZ(6),
    "queueJoinedAt" TIMESTAMPTZ(6),
    "queueLeftAt" TIMESTAMPTZ(6),
    "waitSeconds" INTEGER,
    "talkSeconds" INTEGER,
    "holdSeconds" INTEGER NOT NULL DEFAULT 0,
    "hangupCause" TEXT,
    "hangupSide" "HangupSide",
    "queueOutcome" "QueueOutcome",
    "ccCancelReason" TEXT,
    "disposition" TEXT,
    "notes" TEXT,
    "recordingPath" TEXT,
    "fromEsl" BOOLEAN NOT NULL DEFAULT false,
    "fromCdr" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Call_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallEvent" (
    "id" BIGSERIAL NOT NULL,
    "node" TEXT NOT NULL,
    "sequence" BIGINT NOT NULL,
    "name" TEXT NOT NULL,
    "subclass" TEXT,
    "timestampUs" BIGINT NOT NULL,
    "channelUuid" TEXT,
    "callUuid" TEXT,
    "headers" JSONB NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CallEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgentStatusChange" (
    "id" UUID NOT NULL,
    "agentId" UUID NOT NULL,
    "status" "AgentStatus" NOT NULL,
    "reasonCode" TEXT,
    "source" "StatusSource" NOT NULL,
    "changedById" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgentStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" UUID NOT NULL,
    "actorId" UUID,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "details" JSONB,
    "ip" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Session_refreshTokenHash_key" ON "Session"("refreshTokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "SipCredential_extensionId_idx" ON "SipCredential"("extensionId");

-- CreateIndex
CREATE INDEX "SipCredential_sessionId_idx" ON "SipCredential"("sessionId");

-- CreateIndex
CREATE UNIQUE INDEX "Extension_domain_number_key" ON "Extension"("domain", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Agent_userId_key" ON "Agent"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Agent_extensionId_key" ON "Agent"("extensionId");

-- CreateIndex
CREATE UNIQUE INDEX "Agent_name_key" ON "Agent"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Queue_name_key" ON "Queue"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Queue_number_key" ON "Queue"("number");

-- CreateIndex
CREATE INDEX "Tier_queueId_idx" ON "Tier"("queueId");

-- CreateIndex
CREATE UNIQUE INDEX "Tier_agentId_queueId_key" ON "Tier"("agentId", "queueId");

-- CreateIndex
CREATE UNIQUE INDEX "Call_uuid_key" ON "Call"("uuid");

-- CreateIndex
CREATE INDEX "Call_startedAt_idx" ON "Call"("startedAt");

-- CreateIndex
CREATE INDEX "Call_queueId_startedAt_idx" ON "Call"("queueId", "startedAt");

-- CreateIndex
CREATE INDEX "Call_agentId_startedAt_idx" ON "Call"("agentId", "startedAt");

-- CreateIndex
CREATE INDEX "CallEvent_callUuid_idx" ON "CallEvent"("callUuid");

-- CreateIndex
CREATE INDEX "CallEvent_channelUuid_idx" ON "CallEvent"("channelUuid");

-- CreateIndex
CREATE UNIQUE INDEX "CallEvent_node_sequence_key" ON "CallEvent"("node", "sequence");

-- CreateIndex
CREATE INDEX "AgentStatusChange_agentId_at_idx" ON "AgentStatusChange"("agentId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_targetType_targetId_idx" ON "AuditLog"("targetType", "targetId");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SipCredential" ADD CONSTRAINT "SipCredential_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SipCredential" ADD CONSTRAINT "SipCredential_extensionId_fkey" FOREIGN KEY ("extensionId") REFERENCES "Extension"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agent" ADD CONSTRAINT "Agent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agent" ADD CONSTRAINT "Agent_extensionId_fkey" FOREIGN KEY ("extensionId") REFERENCES "Extension"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tier" ADD CONSTRAINT "Tier_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tier" ADD CONSTRAINT "Tier_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "Queue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "Queue"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentStatusChange" ADD CONSTRAINT "AgentStatusChange_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentStatusChange" ADD CONSTRAINT "AgentStatusChange_changedById_fkey" FOREIGN KEY ("changedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
