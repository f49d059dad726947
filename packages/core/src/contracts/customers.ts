import { z } from 'zod';
import { isCustomerPhone, validateResidentId, validateUscc } from '../identifiers';
import { TEMPLATE_LOCALES } from '../cases/templates';
import { ZId, ZVersion } from './common';

export const CUSTOMER_TYPES = ['enterprise', 'individual'] as const;
export const ENTERPRISE_SIZES = ['large', 'medium', 'small', 'micro'] as const;
export const VALUE_TIERS = ['platinum', 'gold', 'silver', 'standard'] as const;

const USCC_REASONS: Record<string, string> = {
  length: 'a unified social credit code has 18 characters',
  charset: 'a unified social credit code uses digits and the letters A–Y except I, O, S, V, Z',
  region: 'the administrative-division part of the code is not valid',
  check: 'the check character does not match (GB 32100-2015): the code has a typo',
};

export const ZUscc = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    const v = validateUscc(code);
    if (!v.valid) ctx.addIssue({ code: 'custom', message: USCC_REASONS[v.reason] ?? 'invalid code', params: { reason: v.reason } });
  });

export const ZResidentId = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((id, ctx) => {
    const v = validateResidentId(id);
    if (!v.valid) ctx.addIssue({ code: 'custom', message: `not a valid resident ID number (${v.reason})`, params: { reason: v.reason } });
  });

/** A phone number to look a customer up by: digits, spaces or hyphens, as typed into a search box. */
export const ZPhoneNumber = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{5,19}$/, 'digits, spaces or -, 6 to 20')
  .transform((p) => p.replace(/[\s-]/g, ''));

/** A phone a customer or contact is recorded with: a mainland mobile or a landline with its area code, stored without separators. */
export const ZCustomerPhone = z
  .string()
  .trim()
  .max(24)
  .refine(isCustomerPhone, 'not a phone number: a mainland mobile number (11 digits starting with 1) or a landline with its area code (e.g. 010-12345678)')
  .transform((p) => p.replace(/[\s()（）-]/g, ''));

const ZPersonal = {
  phone: ZCustomerPhone.nullable().optional(),
  email: z.email().max(254).nullable().optional(),
  address: z.string().trim().max(200).nullable().optional(),
  /** The language notices to the customer are written in; the institution's default (zh-CN) when absent. */
  preferredLocale: z.enum(TEMPLATE_LOCALES).nullable().optional(),
};

const ZCreateEnterprise = z.object({
    type: z.literal('enterprise'),
    orgUnitId: ZId,
    name: z.string().trim().min(2).max(100),
    uscc: ZUscc,
    legalRepresentative: z.string().trim().min(1).max(50).nullable().optional(),
    industry: z.string().trim().max(50).nullable().optional(),
    size: z.enum(ENTERPRISE_SIZES).nullable().optional(),
    creditRating: z.string().trim().max(10).nullable().optional(),
    relationshipManagerId: ZId.nullable().optional(),
    valueTier: z.enum(VALUE_TIERS).nullable().optional(),
    ...ZPersonal,
  });
const ZCreateIndividual = z.object({
    type: z.literal('individual'),
    orgUnitId: ZId,
    name: z.string().trim().min(1).max(50),
    idNumber: ZResidentId.nullable().optional(),
    valueTier: z.enum(VALUE_TIERS).nullable().optional(),
    ...ZPersonal,
  });

export const ZCreateCustomerRequest = z.discriminatedUnion('type', [ZCreateEnterprise, ZCreateIndividual]);
export type TCreateCustomerRequest = z.infer<typeof ZCreateCustomerRequest>;

/** A customer as a channel describes it: it belongs to the unit the integration delivers to. */
export const ZChannelCustomer = z.discriminatedUnion('type', [ZCreateEnterprise.omit({ orgUnitId: true }), ZCreateIndividual.omit({ orgUnitId: true })]);

export const ZCustomer = z.object({
  id: ZId,
  type: z.enum(CUSTOMER_TYPES),
  displayName: z.string(),
  name: z.string(),
  uscc: z.string().nullable(),
  legalRepresentative: z.string().nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  industry: z.string().nullable(),
  size: z.enum(ENTERPRISE_SIZES).nullable(),
  creditRating: z.string().nullable(),
  relationshipManagerId: ZId.nullable(),
  valueTier: z.enum(VALUE_TIERS).nullable(),
  orgUnitId: ZId,
  piiMasked: z.boolean(),
  version: ZVersion,
  createdAt: z.iso.datetime(),
});
export type TCustomer = z.infer<typeof ZCustomer>;

export const ZCustomerLookupQuery = z.object({
  phone: ZPhoneNumber.optional(),
  idNumber: z.string().trim().toUpperCase().max(18).optional(),
  uscc: z.string().trim().toUpperCase().max(18).optional(),
  q: z.string().trim().min(1).max(50).optional().describe('part of an enterprise name'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ZCreateContactRequest = z.object({
  name: z.string().trim().min(1).max(50),
  title: z.string().trim().max(50).nullable().optional(),
  phone: ZCustomerPhone.nullable().optional(),
  email: z.email().max(254).nullable().optional(),
  wechatOpenId: z.string().trim().max(64).nullable().optional(),
});
export type TCreateContactRequest = z.infer<typeof ZCreateContactRequest>;

export const ZContact = z.object({
  id: ZId,
  customerId: ZId,
  name: z.string(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  piiMasked: z.boolean(),
});
export type TContact = z.infer<typeof ZContact>;

