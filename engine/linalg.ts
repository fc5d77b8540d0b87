/**
 * The engine's dense linear algebra, one module: a row-major Float64 `Matrix` and
 * - products, transposes and U diag(s) Vᵀ, with in-place kernels on typed arrays for the training loops
 *   (linalg/kernels.ts, linalg/matrix.ts);
 * - Householder QR with the sign fix that makes seeded orthogonal matrices Haar-distributed (linalg/qr.ts);
 * - the SVD, computed from the matrix itself (Golub–Kahan–Reinsch; never through its Gram matrix), and the symmetric
 *   eigen-decomposition (tridiagonal QL), both after JAMA's public-domain ports of LINPACK and EISPACK
 *   (linalg/svd.ts, linalg/sym-eig.ts, with the Matrix-level conventions in linalg/decompositions.ts);
 * - eigenvalues of general matrices by Hessenberg reduction and Francis QR (linalg/eigenvalues.ts);
 * - long products of square factors kept as Q·T, whose tiny singular values survive (linalg/product.ts).
 * Every routine is deterministic: the same input gives the same bits in Node and in the browser.
 * engine/linalg-fixtures.json holds LAPACK (and 50-digit) reference spectra that the tests compare against.
 */
export * from './linalg/kernels.ts';
export * from './linalg/matrix.ts';
export * from './linalg/qr.ts';
export * from './linalg/decompositions.ts';
export * from './linalg/eigenvalues.ts';
export * from './linalg/product.ts';
