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
  return (
    <img
      className={`product-image product-image--${size}`}
      src={src}
      alt={alt}
      width={width}
      height={height}
      loading={priority ? "eager" : "lazy"}
      decoding="async"
      {...(priority ? { fetchpriority: "high" } : {})}
    />
  );
}
