import type { SitePageSlug } from "../../app/content/site-pages";
import { SELLER } from "../../app/lib/company";

/** How to reach IronAxis, as first published on the contact page; sales keeps the page current from then on. */
export const seedContact = {
  phone: SELLER.phone,
  tollFree: "+1 (800) 555-0199",
  email: SELLER.email,
  supportEmail: "service@ironaxis.test",
  street: SELLER.street,
  city: SELLER.city,
  country: SELLER.country,
  hours: "Monday to Friday, 8:00 a.m. to 5:30 p.m. Central Time (except U.S. federal holidays)",
};

export type SeedSitePage = { slug: SitePageSlug; title: string; description: string; bodyMarkdown: string };

const contact = `IronAxis sales engineers answer quote requests, technical questions and order enquiries.
Write to us with the form below, call, or visit our Houston office.

## Sales and quotations

- **Phone:** ${seedContact.phone}
- **Toll-free (U.S. and Canada):** ${seedContact.tollFree}
- **E-mail:** [${seedContact.email}](mailto:${seedContact.email})
- **Business hours:** ${seedContact.hours}

A message sent outside business hours is answered on the next business day. For a price on
several items, the fastest way is a [request for quotation](/quote): add the items to your quote
list and send it; you get a private page where you follow the request.

## Service, returns and warranty claims

- **E-mail:** [${seedContact.supportEmail}](mailto:${seedContact.supportEmail})
- **Phone:** ${seedContact.phone} (ask for Service)

Please have your order number (or quote reference) and the equipment's serial number ready.
How returns work is described in [Returns and warranty](/returns).

## Office and warehouse

IronAxis, Inc.\\
${seedContact.street}\\
${seedContact.city}\\
${seedContact.country}

Deliveries and collections by appointment only, Monday to Friday, 8:00 a.m. to 3:00 p.m.
Central Time.
`;

const terms = `These terms of sale apply to every quotation, order confirmation and sale of goods and
services by IronAxis, Inc. ("IronAxis", "we") to a business customer ("Buyer"). They replace any
terms on the Buyer's purchase order unless we agree otherwise in writing.

## 1. Quotations and orders

A quotation is valid until the date it shows; prices and lead times may change after that. A
contract is made when we confirm an order in writing or when the Buyer accepts a quotation on
its private status page and we confirm the resulting order. Catalog prices are list prices in
U.S. dollars and may change without notice until an order is confirmed.

## 2. Prices and taxes

Prices are in U.S. dollars and exclude sales and use tax, duties, freight and insurance unless
the quotation says otherwise. Applicable sales tax is added to the invoice unless the Buyer
provides a valid resale or exemption certificate before shipment.

## 3. Payment

- **Card:** orders paid by card online are charged when the order is placed.
- **Invoice:** approved accounts pay net 30 days from the invoice date, by ACH or wire transfer,
  unless the quotation states other terms (for example a deposit with order).
- Overdue amounts bear interest at 1.5% per month or the highest rate the law allows, whichever
  is lower. We may hold shipments while an account is overdue.

## 4. Delivery

Delivery terms follow the Incoterm® 2020 rule stated in the quotation or order confirmation
(for example FCA Houston, DAP the Buyer's site). Where none is stated, delivery is **FCA**
IronAxis warehouse, Houston, Texas. Lead times are estimates from the date of order
confirmation (and receipt of any deposit or approved drawings); we will tell the Buyer promptly
of any expected delay. Partial shipments are allowed unless the order says otherwise.

## 5. Title and risk

Risk of loss passes to the Buyer as the agreed Incoterm® rule provides. Title to the goods
passes to the Buyer when they have been paid for in full; until then the Buyer holds them for
IronAxis and keeps them insured.

## 6. Inspection and acceptance

The Buyer inspects goods on arrival and notes visible damage or shortage on the carrier's
delivery receipt. Other claims for shortage or non-conformity must reach us in writing within
10 days of delivery; goods are otherwise deemed accepted.

## 7. Warranty

New equipment is warranted to be free from defects in material and workmanship for 12 months
from delivery, unless the manufacturer's warranty or the quotation states a longer period. Our
obligation is limited to repairing or replacing the defective part, or refunding its price, at
our choice. The warranty does not cover wear parts, consumables, damage from improper
installation, operation outside the rated conditions, or alteration by others. See
[Returns and warranty](/returns) for how to make a claim.

**EXCEPT AS STATED IN THIS SECTION, IRONAXIS MAKES NO OTHER WARRANTIES, EXPRESS OR IMPLIED,
INCLUDING ANY IMPLIED WARRANTY OF MERCHANTABILITY OR FITNESS FOR A PARTICULAR PURPOSE.**

## 8. Limitation of liability

IronAxis is not liable for any indirect, incidental, special or consequential damages,
including lost profits, lost production or downtime, however caused. Our total liability
arising out of any order is limited to the price paid for the goods or services that gave rise
to the claim.

## 9. Cancellation and changes

An order may be cancelled or changed only with our written consent. Made-to-order, modified or
special-order goods cannot be cancelled once production has started; cancellation charges cover
costs incurred and commitments made.

## 10. Compliance

The Buyer is responsible for complying with export control and sanctions laws when it re-sells
or exports the goods, and for installing and operating them according to applicable codes and
the manufacturer's instructions.

## 11. Governing law

These terms and every sale under them are governed by the laws of the State of Texas, without
regard to its conflict-of-laws rules. The United Nations Convention on Contracts for the
International Sale of Goods does not apply. The state and federal courts located in Harris
County, Texas have exclusive jurisdiction.

## 12. Questions

Questions about these terms: [sales@ironaxis.test](mailto:sales@ironaxis.test) or
${seedContact.phone}.
`;

const privacy = `This notice explains what personal information IronAxis, Inc. collects through this web
site, why, and the choices you have.

## What we collect

- **Requests and orders:** your name, company, e-mail address, phone number, delivery location,
  and what you type in a quote request, message or order, with any files you attach.
- **Contact form:** your name, company, e-mail address, phone number (if given) and message.
- **Cookies:** a cookie that keeps your quote list, and one that keeps your cart, each holding
  a random identifier. The back office uses a sign-in cookie for staff. We use no advertising
  or third-party tracking cookies.
- **Server logs:** the pages requested and the time, kept to run and protect the site. Logs do
  not record IP addresses or e-mail addresses.

## How we use it

To answer your requests and messages, prepare quotations, fulfil and invoice orders, provide
service and warranty support, and keep the site secure (for example by limiting how many forms
one network can send). We do not sell or rent personal information.

## Who we share it with

Service providers that help us run the business, bound to use the information only for us:
our payment processor (Stripe, for card payments), our e-mail provider, carriers who deliver
your goods, and our accountants. We disclose information when the law requires it.

## How long we keep it

Quote requests, orders and related correspondence are kept for seven years for tax and
warranty purposes. Contact messages that lead to no business are deleted after two years.

## Your choices and rights

You may ask to see, correct or delete the personal information we hold about you by writing to
[sales@ironaxis.test](mailto:sales@ironaxis.test). Residents of states with consumer privacy
laws (such as California) may have additional rights, which we honor as those laws require.

## Security

The site is served over encrypted connections; private request and order pages are reachable
only through unguessable links, which you should keep private.

## Changes

We may update this notice; the date of the latest change is shown on this page.
`;

const returns = `We want the equipment you buy from IronAxis to work as specified. This page explains how to
return goods and how to make a warranty claim.

## Returns

Stock catalog items in new, unused condition and in their original packaging may be returned
within **30 days** of delivery.

1. **Ask for a Return Material Authorization (RMA).** E-mail
   [service@ironaxis.test](mailto:service@ironaxis.test) or call ${seedContact.phone} with your
   order number, the items and quantities, and the reason for the return.
2. **We issue an RMA number** within one business day, with the return address and
   instructions. Goods sent back without an RMA number cannot be accepted.
3. **Ship the goods** within 15 days of the RMA, freight prepaid, with the RMA number on the
   outside of every package. Pack them as they arrived; the Buyer bears the risk of loss in
   transit.
4. **We inspect the goods** and credit or refund the price within 10 business days of receipt,
   less any restocking fee.

### Restocking fee

A **15% restocking fee** applies to returns that are not our error. There is no fee when we
shipped the wrong item or the item arrived defective or damaged.

### What cannot be returned

- Made-to-order, modified or special-order equipment, and items bought as "non-returnable" on
  the quotation
- Items that have been installed, used, or exposed to process media
- Consumables, chemicals, calibration services and software licenses

## Damage in transit and shortages

Note visible damage or shortage on the carrier's delivery receipt and tell us within 10 days
of delivery, with photographs. We will arrange a repair or replacement and handle the claim
with the carrier.

## Warranty

New equipment is warranted against defects in material and workmanship for **12 months from
delivery**, or longer where the manufacturer's warranty or your quotation says so (see our
[terms of sale](/terms), section 7).

### Making a warranty claim

1. Contact Service with the order number, the serial number, a description of the fault and,
   where possible, photographs or a short video.
2. Our service engineers may troubleshoot with you first; many faults are solved remotely.
3. If the item must come back, we issue an RMA and pay the return freight for valid claims.
4. We repair or replace the defective part, or refund its price, at our choice. Repaired or
   replaced parts are warranted for the rest of the original period or 90 days, whichever is
   longer.

The warranty does not cover wear parts, consumables, damage from improper installation or
operation outside rated conditions, or equipment altered by others.
`;

const about = `IronAxis is a U.S.-based B2B supplier of industrial equipment, instruments, machinery, food
processing systems and new energy solutions for manufacturers, labs and engineering companies.

## What we do

We help procurement teams, plant engineers and lab managers find the right equipment, compare it
on the specs that matter, and buy it with confidence: list-price items online, and everything
else through a request for quotation answered by our sales engineers with prices, lead times and
validity.

- **Instruments:** pressure gauges, flow meters, analytical balances, pH meters and more
- **Industrial equipment and machinery** for production and maintenance
- **Food processing systems:** mixers, pasteurizers, filling machines, conveyors
- **New energy solutions:** solar inverters, battery storage, hydrogen electrolyzers, EV chargers

## How we work

- **Engineers answer your requests.** Every quotation is reviewed by a sales engineer who checks
  your specs, suggests equivalents where they help, and states lead times you can plan with.
- **Clear terms.** Prices in U.S. dollars, Incoterms® on every quotation, and written
  [terms of sale](/terms), [returns and warranty](/returns) policies.
- **Support after the sale.** Our service team handles start-up questions, warranty claims and
  spare parts.

## Where we are

Our office and warehouse are in Houston, Texas, and we ship across the United States and to
customers worldwide. [Contact us](/contact) to talk to a sales engineer.
`;

/** The pages as the site first shows them; sales edits them in the back office (/admin/pages). */
export const seedSitePages: SeedSitePage[] = [
  {
    slug: "contact",
    title: "Contact us",
    description: `Reach IronAxis sales engineers by phone (${seedContact.phone}), e-mail or the contact form; office and warehouse in Houston, Texas.`,
    bodyMarkdown: contact,
  },
  {
    slug: "terms",
    title: "Terms of sale",
    description:
      "IronAxis terms of sale: quotations, prices, payment, delivery under Incoterms, title and risk, warranty, limitation of liability and governing law.",
    bodyMarkdown: terms,
  },
  {
    slug: "privacy",
    title: "Privacy notice",
    description:
      "What personal information IronAxis collects through its web site, how it is used and shared, how long it is kept, and your choices.",
    bodyMarkdown: privacy,
  },
  {
    slug: "returns",
    title: "Returns and warranty",
    description:
      "How to return goods to IronAxis (RMA process, 30 days, restocking fee) and how to make a warranty claim on new equipment.",
    bodyMarkdown: returns,
  },
  {
    slug: "about",
    title: "About IronAxis",
    description:
      "IronAxis supplies industrial equipment, instruments, machinery, food processing systems and new energy solutions to U.S. manufacturers, labs and engineering companies.",
    bodyMarkdown: about,
  },
];
