-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "wrapUpSeconds" INTEGER,
ADD COLUMN     "wrappedUpAt" TIMESTAMPTZ(3);
