import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ContactForm } from "~/content/components/contact-form";
import { SitePageView } from "~/content/components/site-page-view";
import { contactPage, sendContactForm } from "~/content/contact-page.server";
import { sitePageMeta } from "~/content/site-page-meta";

export const meta: MetaFunction<typeof loader> = sitePageMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  return contactPage(request);
}

export async function action({ request, context }: ActionFunctionArgs) {
  return sendContactForm(request, context.clientIp);
}

export default function ContactPage() {
  const { page, submissionKey, formStartedAt, constraints, prefill } = useLoaderData<typeof loader>();
  return (
    <SitePageView page={page}>
      <ContactForm
        submissionKey={submissionKey}
        formStartedAt={formStartedAt}
        constraints={constraints}
        prefill={prefill}
      />
    </SitePageView>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
