import clsx from "clsx";
import { z } from "zod";

const Product = z.object({
  id: z.string(),
  name: z.string(),
  priceCents: z.number().int().nonnegative(),
  inStock: z.boolean(),
});
type Product = z.infer<typeof Product>;

const catalogue: Product[] = Product.array().parse([
  { id: "mug", name: "Enamel mug", priceCents: 1800, inStock: true },
  { id: "tote", name: "Canvas tote", priceCents: 2400, inStock: true },
  { id: "cap", name: "Wool cap", priceCents: 3200, inStock: false },
]);

function formatPrice(cents: number): string {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR" }).format(cents / 100);
}

export default function HomePage() {
  return (
    <main className="mx-auto max-w-3xl p-8">
      <h1 className="mb-6 text-3xl font-bold">Nextjs Shop</h1>
      <ul className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        {catalogue.map((product) => (
          <li
            key={product.id}
            className={clsx("rounded border p-4", !product.inStock && "opacity-50")}
          >
            <h2 className="font-semibold">{product.name}</h2>
            <p>{formatPrice(product.priceCents)}</p>
            <p className="text-sm">{product.inStock ? "In stock" : "Sold out"}</p>
          </li>
        ))}
      </ul>
    </main>
  );
}
