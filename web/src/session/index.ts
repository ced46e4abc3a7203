/** The consoles' shared sign-in and session (admin and account): import from here. */
export { api, currentAccess, signOut, signOutEverywhere, switchOrganization } from './client'
export { problemOf, networkProblem, type Problem } from './problem'
export { SignIn } from './sign-in'
export { useSession, type SignedIn } from './store'
