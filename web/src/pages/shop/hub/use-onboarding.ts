import { useQuery } from '@tanstack/react-query';
import { isApiError } from '../../../api/client';
import { getActivation, getDecoration, listProducts } from '../../../api/shops';
import { shopKeys } from '../use-shop';

/** What the step list needs: the ACT-1 summary, the decoration (none before the first save) and products. */
export function useOnboarding(shopId: string) {
  const summary = useQuery({
    queryKey: shopKeys.activation(shopId),
    queryFn: () => getActivation(shopId),
    retry: false,
    // A reviewer or the payment provider may move the shop on while the merchant looks.
    refetchInterval: 15_000,
  });
  const decoration = useQuery({
    queryKey: shopKeys.decoration(shopId),
    queryFn: () =>
      getDecoration(shopId).then(
        (r) => r.decoration,
        (e) => {
          if (isApiError(e, 'decoration_not_found') || isApiError(e, 'not_found')) return null;
          throw e;
        },
      ),
    retry: false,
  });
  const products = useQuery({
    queryKey: shopKeys.products(shopId),
    queryFn: () => listProducts(shopId),
    retry: false,
  });
  return { summary, decoration, products };
}
