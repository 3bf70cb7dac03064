// Reference data (plans, industry templates) kept in step on every start, and the demo
// account and platform operator created once.

import { hashPassword } from './domain/passwords.js';
import type { SystemServices } from './domain/services.js';
import * as accountsStore from './store/accounts.js';
import * as sitesStore from './store/sites.js';
import * as usersStore from './store/users.js';

const PLANS = [
  {
    slug: 'free',
    name: 'Free',
    priceCents: 0,
    includedCredits: 100,
    maxSites: 1,
    maxUsers: 1,
    maxKeywords: 500,
    maxAuthorProfiles: 1,
    sortOrder: 0,
  },
  {
    slug: 'starter',
    name: 'Starter',
    priceCents: 8_900,
    includedCredits: 1_000,
    maxSites: 1,
    maxUsers: 2,
    maxKeywords: 5_000,
    maxAuthorProfiles: 2,
    sortOrder: 1,
  },
  {
    slug: 'growth',
    name: 'Growth',
    priceCents: 13_900,
    includedCredits: 2_000,
    maxSites: 3,
    maxUsers: 3,
    maxKeywords: 20_000,
    maxAuthorProfiles: 5,
    sortOrder: 2,
  },
  {
    slug: 'scale',
    name: 'Scale',
    priceCents: 22_900,
    includedCredits: 4_000,
    maxSites: 5,
    maxUsers: 5,
    maxKeywords: 50_000,
    maxAuthorProfiles: 10,
    sortOrder: 3,
  },
  {
    slug: 'enterprise',
    name: 'Enterprise',
    priceCents: 0,
    includedCredits: 10_000,
    maxSites: 20,
    maxUsers: 50,
    maxKeywords: 500_000,
    maxAuthorProfiles: 50,
    sortOrder: 4,
    isInternal: true,
  },
];

const FEATURES: Record<string, string[]> = {
  free: ['Planner', 'Writer'],
  starter: ['Planner', 'Writer', 'WordPress publishing'],
  growth: ['Everything in Starter', 'Automation', 'Linker', 'Optimizer'],
  scale: ['Everything in Growth', 'Priority support'],
  enterprise: ['Everything in Scale', 'Custom limits'],
};

const INDUSTRIES: [string, string, string[]][] = [
  ['home-garden', 'Home & Garden', ['Gardening', 'Home Improvement', 'Interior Design', 'Outdoor Living', 'Cleaning']],
  ['health-wellness', 'Health & Wellness', ['Fitness', 'Nutrition', 'Mental Health', 'Sleep', 'Supplements']],
  ['technology', 'Technology', ['Software', 'Consumer Electronics', 'Cybersecurity', 'Cloud Computing', 'AI']],
  ['finance', 'Finance', ['Personal Finance', 'Investing', 'Credit & Loans', 'Insurance', 'Crypto']],
  ['travel', 'Travel', ['Destinations', 'Travel Gear', 'Budget Travel', 'Hotels', 'Road Trips']],
  ['food-drink', 'Food & Drink', ['Recipes', 'Baking', 'Coffee', 'Wine', 'Restaurants']],
  ['fashion-beauty', 'Fashion & Beauty', ['Skincare', 'Makeup', 'Menswear', 'Womenswear', 'Hair Care']],
  ['pets', 'Pets', ['Dogs', 'Cats', 'Aquariums', 'Pet Health', 'Pet Training']],
  ['automotive', 'Automotive', ['Car Maintenance', 'Electric Vehicles', 'Car Buying', 'Car Accessories']],
  ['real-estate', 'Real Estate', ['Buying a Home', 'Renting', 'Mortgages', 'Property Investing']],
  ['education', 'Education', ['Online Courses', 'Language Learning', 'Test Prep', 'Study Skills']],
  ['b2b-saas', 'B2B SaaS', ['Marketing', 'Sales', 'HR', 'Project Management', 'Analytics']],
];

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export async function seedReferenceData(s: SystemServices): Promise<void> {
  await s.database.system(async (tx) => {
    for (const plan of PLANS) {
      await accountsStore.upsertPlan(tx, {
        currency: 'USD',
        billingCycle: 'monthly',
        features: FEATURES[plan.slug] ?? [],
        ...plan,
      });
    }
    for (const [industrySlug, name, sectors] of INDUSTRIES) {
      await accountsStore.upsertIndustry(
        tx,
        { slug: industrySlug, name, description: `${name} sites and blogs.` },
        sectors.map((sector) => ({ slug: slug(sector), name: sector, description: '' })),
      );
    }
  });
}

export const DEMO_LOGIN = { email: 'demo@igny8.local', password: 'demo-password-1' } as const;

/** Creates the demo account once (an agency on Growth with one site); returns true when it did. */
export async function seedDemoAccount(s: SystemServices): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_LOGIN.password);
  return s.database.system(async (tx) => {
    if (await usersStore.findUserByEmail(tx, DEMO_LOGIN.email)) return false;
    const plan = await accountsStore.findPlanBySlug(tx, 'growth');
    const account = await accountsStore.insertAccount(tx, {
      name: 'Demo Agency',
      slug: 'demo-agency',
      planId: plan!.id,
      status: 'active',
      enabledModules: ['automation', 'linker', 'optimizer', 'planner', 'thinker', 'writer'],
    });
    const now = new Date();
    await accountsStore.insertSubscription(tx, {
      accountId: account.id,
      planId: plan!.id,
      status: 'active',
      currentPeriodStart: now,
      currentPeriodEnd: new Date(now.getTime() + 30 * 86_400_000),
    });
    await usersStore.insertUser(tx, {
      accountId: account.id,
      email: DEMO_LOGIN.email,
      username: 'demo',
      firstName: 'Dana',
      lastName: 'Demo',
      passwordHash,
      role: 'owner',
    });
    const [garden] = (await accountsStore.listIndustries(tx)).filter((i) => i.slug === 'home-garden');
    const site = await sitesStore.insertSite(tx, {
      accountId: account.id,
      name: 'Green Thumb Journal',
      domain: 'greenthumb.example',
      industryId: garden?.id ?? null,
    });
    const templates = garden ? await accountsStore.listIndustrySectors(tx, [garden.id]) : [];
    for (const template of templates.filter((t) => ['gardening', 'outdoor-living'].includes(t.slug))) {
      await sitesStore.insertSector(tx, {
        accountId: account.id,
        siteId: site.id,
        name: template.name,
        industrySectorId: template.id,
      });
    }
    return true;
  });
}

/** Creates the platform operator (developer role) from SUPERUSER_EMAIL / SUPERUSER_PASSWORD once. */
export async function seedSuperuser(s: SystemServices): Promise<void> {
  const { SUPERUSER_EMAIL: email, SUPERUSER_PASSWORD: password } = s.config;
  if (!email || !password) return;
  const passwordHash = await hashPassword(password);
  await s.database.system(async (tx) => {
    if (await usersStore.findUserByEmail(tx, email)) return;
    const plan = await accountsStore.findPlanBySlug(tx, 'enterprise');
    const account = await accountsStore.insertAccount(tx, {
      name: 'IGNY8 Operations',
      slug: `igny8-operations-${Date.now().toString(36)}`,
      planId: plan!.id,
      status: 'active',
    });
    await usersStore.insertUser(tx, {
      accountId: account.id,
      email,
      username: email.split('@')[0]!,
      passwordHash,
      role: 'developer',
    });
  });
}
