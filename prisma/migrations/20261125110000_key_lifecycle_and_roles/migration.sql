-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "expiryWarningDays" INTEGER NOT NULL DEFAULT 7;

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "context" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "expiryRecordedAt" TIMESTAMP(3),
ADD COLUMN     "firstUsedAt" TIMESTAMP(3),
ADD COLUMN     "overlapAfterFirstUseSeconds" INTEGER,
ADD COLUMN     "prefix" TEXT,
ADD COLUMN     "rolledToId" TEXT;

-- AlterTable
ALTER TABLE "AccessToken" ADD COLUMN     "context" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "expiryRecordedAt" TIMESTAMP(3),
ADD COLUMN     "firstUsedAt" TIMESTAMP(3),
ADD COLUMN     "overlapAfterFirstUseSeconds" INTEGER,
ADD COLUMN     "prefix" TEXT,
ADD COLUMN     "rolledToId" TEXT;

-- CreateTable
CREATE TABLE "KeyRole" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "permissions" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KeyRole_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKeyRole" (
    "apiKeyId" TEXT NOT NULL,
    "roleId" TEXT NOT NULL,

    CONSTRAINT "ApiKeyRole_pkey" PRIMARY KEY ("apiKeyId","roleId")
);

-- CreateTable
CREATE TABLE "AccessTokenRole" (
    "accessTokenId" TEXT NOT NULL,
    "roleId" TEXT NOT NULL,

    CONSTRAINT "AccessTokenRole_pkey" PRIMARY KEY ("accessTokenId","roleId")
);

-- CreateIndex
CREATE INDEX "KeyRole_organizationId_idx" ON "KeyRole"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "KeyRole_projectId_name_key" ON "KeyRole"("projectId", "name");

-- CreateIndex
CREATE INDEX "ApiKeyRole_roleId_idx" ON "ApiKeyRole"("roleId");

-- CreateIndex
CREATE INDEX "AccessTokenRole_roleId_idx" ON "AccessTokenRole"("roleId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_rolledToId_key" ON "ApiKey"("rolledToId");

-- CreateIndex
CREATE UNIQUE INDEX "AccessToken_rolledToId_key" ON "AccessToken"("rolledToId");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_rolledToId_fkey" FOREIGN KEY ("rolledToId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessToken" ADD CONSTRAINT "AccessToken_rolledToId_fkey" FOREIGN KEY ("rolledToId") REFERENCES "AccessToken"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeyRole" ADD CONSTRAINT "KeyRole_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyRole" ADD CONSTRAINT "ApiKeyRole_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyRole" ADD CONSTRAINT "ApiKeyRole_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "KeyRole"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessTokenRole" ADD CONSTRAINT "AccessTokenRole_accessTokenId_fkey" FOREIGN KEY ("accessTokenId") REFERENCES "AccessToken"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessTokenRole" ADD CONSTRAINT "AccessTokenRole_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "KeyRole"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

