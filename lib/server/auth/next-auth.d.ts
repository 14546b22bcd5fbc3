import type { StaffRole } from '@/lib/domain/enums';

declare module 'next-auth' {
  interface User {
    role: StaffRole;
    teamId: number | null;
  }
  interface Session {
    user: { id: number; name: string; email: string; role: StaffRole; teamId: number | null };
    /** This sign-in's id and instant (ms): the server refuses it once signed out or voided. */
    sid?: string;
    signedInAt?: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: number;
    role?: StaffRole;
    teamId?: number | null;
    sid?: string;
    signedInAt?: number;
  }
}
