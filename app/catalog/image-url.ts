import { useRouteLoaderData } from "@remix-run/react";

/** Plain path → fingerprinted path of every image under public/images/ (the root loader's `images`). */
export type ImageVersions = Record<string, string>;

/**
 * The path to link to for an image: the fingerprinted one, cached for a year, for a file under
 * /images/; any other path (an uploaded product picture) as it is.
 */
export function imageUrl(images: ImageVersions | undefined, path: string) {
  return images?.[path] ?? path;
}

/** The root loader's map, in a component (on the server and in the browser). */
export function useImageVersions() {
  return (useRouteLoaderData("root") as { images?: ImageVersions } | undefined)?.images;
}

/** `imageUrl` in a component. */
export function useImageUrl(path: string) {
  return imageUrl(useImageVersions(), path);
}
