/** Headers CloudFront adds to `/api/*` requests, which the API functions are told to trust. */

/** The viewer's own address (API Gateway only sees CloudFront's edge); any client-sent value is replaced. */
export const VIEWER_IP_HEADER = 'x-helpdesk-viewer-ip';

/** A secret shared by CloudFront and the functions, proving a request came through CloudFront. */
export const ORIGIN_SECRET_HEADER = 'x-helpdesk-origin';
