import type { PrismaService } from '@switchboard/api/data-access-db';

/**
 * The a1-hash of the newest per-login credential of the extension's agent that is neither revoked nor expired, and
 * whose session is live. What an extension authenticates with on any PBX while its agent is signed in.
 */
export async function liveCredentialHash(
  prisma: PrismaService,
  extensionId: string,
  userId: string,
): Promise<string | undefined> {
  const now = new Date();
  const credential = await prisma.sipCredential.findFirst({
    where: {
      extensionId,
      revokedAt: null,
      expiresAt: { gt: now },
      session: { userId, revokedAt: null, expiresAt: { gt: now } },
    },
    orderBy: { createdAt: 'desc' },
    select: { a1Hash: true },
  });
  return credential?.a1Hash;
}
