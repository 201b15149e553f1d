import { useImageUrl } from "~/catalog/image-url";

/** Product pictures are drawn at a fixed 4:3 size so nothing shifts while a page loads. */
export function ProductImage({
  src,
  alt,
  size = "card",
  priority = false,
}: {
  src: string;
  alt: string;
  size?: "thumb" | "card" | "large";
  priority?: boolean;
}) {
  const width = size === "thumb" ? 80 : size === "card" ? 240 : 480;
  const height = (width * 3) / 4;
  const url = useImageUrl(src);
  return (
    <img
      className={`product-image product-image--${size}`}
      src={url}
      alt={alt}
      width={width}
      height={height}
      loading={priority ? "eager" : "lazy"}
      decoding="async"
      {...(priority ? { fetchpriority: "high" } : {})}
    />
  );
}
