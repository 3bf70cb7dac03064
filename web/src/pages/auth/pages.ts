// The signed-out pages: one chunk, loaded on the first of them opened (auth/section.tsx).
export { AcceptInvitePage } from './AcceptInvite';
export { ForgotPasswordPage } from './ForgotPassword';
export { LoginPage } from './Login';
export { RegisterPage } from './Register';
export { ResetPasswordPage } from './ResetPassword';
