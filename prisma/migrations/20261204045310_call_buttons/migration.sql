-- Click-to-call: call buttons, their single-use web call credentials, and the web channel of call records.

-- CreateEnum
CREATE TYPE "CallChannel" AS ENUM ('voice', 'web');

-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "channel" "CallChannel" NOT NULL DEFAULT 'voice',
ADD COLUMN     "webButtonId" UUID,
ADD COLUMN     "webButtonName" TEXT,
ADD COLUMN     "webPage" TEXT;

-- CreateTable
CREATE TABLE "CallButton" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "queueId" UUID,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "allowedOrigins" TEXT[],
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "openingHours" JSONB,
    "closedMessage" TEXT NOT NULL,
    "maxConcurrentCalls" INTEGER NOT NULL DEFAULT 5,
    "visitorRateLimit" INTEGER NOT NULL DEFAULT 3,
    "visitorRateWindowSeconds" INTEGER NOT NULL DEFAULT 600,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CallButton_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebCallCredential" (
    "id" UUID NOT NULL,
    "buttonId" UUID NOT NULL,
    "sipUser" TEXT NOT NULL,
    "a1Hash" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "page" TEXT NOT NULL,
    "visitorKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "sipCallId" TEXT,
    "endedAt" TIMESTAMPTZ(3),

    CONSTRAINT "WebCallCredential_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Call_webButtonId_startedAt_idx" ON "Call"("webButtonId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CallButton_name_key" ON "CallButton"("name");

-- CreateIndex
CREATE UNIQUE INDEX "WebCallCredential_sipUser_key" ON "WebCallCredential"("sipUser");

-- CreateIndex
CREATE INDEX "WebCallCredential_buttonId_createdAt_idx" ON "WebCallCredential"("buttonId", "createdAt");

-- CreateIndex
CREATE INDEX "WebCallCredential_buttonId_visitorKey_createdAt_idx" ON "WebCallCredential"("buttonId", "visitorKey", "createdAt");

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_webButtonId_fkey" FOREIGN KEY ("webButtonId") REFERENCES "CallButton"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallButton" ADD CONSTRAINT "CallButton_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "Queue"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebCallCredential" ADD CONSTRAINT "WebCallCredential_buttonId_fkey" FOREIGN KEY ("buttonId") REFERENCES "CallButton"("id") ON DELETE CASCADE ON UPDATE CASCADE;
