import type { Permission } from '../../appliance/src/auth/permissions';
import type { Component } from 'svelte';
import type { MessageKey } from './i18n/catalogue';
import type { RouteParams } from './lib/router/match-route';
import type { SessionPhase } from './lib/session/session-phase';
import CallsPage from './routes/calls/CallsPage.svelte';
import ExtensionEditPage from './routes/extensions/ExtensionEditPage.svelte';
import ExtensionListPage from './routes/extensions/ExtensionListPage.svelte';
import FeatureCodesPage from './routes/feature-codes/FeatureCodesPage.svelte';
import BlacklistPage from './routes/blacklist/BlacklistPage.svelte';
import HomePage from './routes/home/HomePage.svelte';
import InboundRouteEditPage from './routes/inbound-routes/InboundRouteEditPage.svelte';
import InboundRouteListPage from './routes/inbound-routes/InboundRouteListPage.svelte';
import IvrEditPage from './routes/ivrs/IvrEditPage.svelte';
import IvrListPage from './routes/ivrs/IvrListPage.svelte';
import LoginPage from './routes/login/LoginPage.svelte';
import OutboundRouteEditPage from './routes/outbound-routes/OutboundRouteEditPage.svelte';
import OutboundRouteListPage from './routes/outbound-routes/OutboundRouteListPage.svelte';
import SetupPage from './routes/setup/SetupPage.svelte';
import SipSecurityPage from './routes/sip-security/SipSecurityPage.svelte';
import TimeConditionEditPage from './routes/time-conditions/TimeConditionEditPage.svelte';
import TimeConditionListPage from './routes/time-conditions/TimeConditionListPage.svelte';
import TrunkEditPage from './routes/trunks/TrunkEditPage.svelte';
import TrunkListPage from './routes/trunks/TrunkListPage.svelte';
import UserEditPage from './routes/users/UserEditPage.svelte';
import UserListPage from './routes/users/UserListPage.svelte';
import MailboxPage from './routes/voicemail/MailboxPage.svelte';
import VoicemailListPage from './routes/voicemail/VoicemailListPage.svelte';

export interface AppRoute {
  pattern: string;
  component: Component<{ params: RouteParams }>;
  title: MessageKey;
  /** The session phase the page is for; other phases are redirected. */
  phase: Exclude<SessionPhase, 'starting'>;
  /** Needed to open the page (the navigation hides it too). */
  permission?: Permission;
}

/** Every page of the admin UI; the first matching pattern wins, so `/new` precedes `/:id`. */
export const ROUTES: readonly AppRoute[] = [
  { pattern: '/login', component: noParams(LoginPage), title: 'login.title', phase: 'signed-out' },
  { pattern: '/setup', component: noParams(SetupPage), title: 'setup.title', phase: 'needs-setup' },
  { pattern: '/', component: noParams(HomePage), title: 'home.title', phase: 'signed-in' },
  page('/calls', noParams(CallsPage), 'calls.title', 'calls.read'),
  page('/extensions', noParams(ExtensionListPage), 'extensions.title', 'extensions.read'),
  page('/extensions/new', ExtensionEditPage, 'extensions.new', 'extensions.write'),
  page('/extensions/:id', ExtensionEditPage, 'extensions.title', 'extensions.read'),
  page('/feature-codes', noParams(FeatureCodesPage), 'featureCodes.title', 'extensions.read'),
  page('/trunks', noParams(TrunkListPage), 'trunks.title', 'trunks.read'),
  page('/trunks/new', TrunkEditPage, 'trunks.new', 'trunks.write'),
  page('/trunks/:id', TrunkEditPage, 'trunks.title', 'trunks.read'),
  page('/inbound-routes', noParams(InboundRouteListPage), 'inbound.title', 'routes.read'),
  page('/inbound-routes/new', InboundRouteEditPage, 'inbound.new', 'routes.write'),
  page('/inbound-routes/:id', InboundRouteEditPage, 'inbound.title', 'routes.read'),
  page('/outbound-routes', noParams(OutboundRouteListPage), 'outbound.title', 'routes.read'),
  page('/outbound-routes/new', OutboundRouteEditPage, 'outbound.new', 'routes.write'),
  page('/outbound-routes/:id', OutboundRouteEditPage, 'outbound.title', 'routes.read'),
  page('/ivrs', noParams(IvrListPage), 'ivr.title', 'ivrs.read'),
  page('/ivrs/new', IvrEditPage, 'ivr.new', 'ivrs.write'),
  page('/ivrs/:id', IvrEditPage, 'ivr.title', 'ivrs.read'),
  page('/time-conditions', noParams(TimeConditionListPage), 'timeConditions.title', 'time_conditions.read'),
  page('/time-conditions/new', TimeConditionEditPage, 'timeConditions.new', 'time_conditions.write'),
  page('/time-conditions/:id', TimeConditionEditPage, 'timeConditions.title', 'time_conditions.read'),
  page('/blacklist', noParams(BlacklistPage), 'blacklist.title', 'blacklist.read'),
  page('/voicemail', noParams(VoicemailListPage), 'voicemail.title', 'voicemail.read'),
  page('/voicemail/:number', MailboxPage, 'voicemail.title', 'voicemail.read'),
  page('/users', noParams(UserListPage), 'users.title', 'users.read'),
  page('/users/new', UserEditPage, 'users.new', 'users.write'),
  page('/users/:id', UserEditPage, 'users.title', 'users.read'),
  page('/sip-security', noParams(SipSecurityPage), 'sipSecurity.title', 'system.read'),
];

/** Pages without parameters ignore the `params` every page is given. */
function noParams(component: Component): AppRoute['component'] {
  return component as unknown as AppRoute['component'];
}

function page(pattern: string, component: AppRoute['component'], title: MessageKey, permission: Permission): AppRoute {
  return { pattern, component, title, phase: 'signed-in', permission };
}
