-- AlterTable
ALTER TABLE "RequestLog" ADD COLUMN     "code" TEXT;

