/**
 * Runs in every test worker: gives it the local stack's environment, so a suite can call
 * `shared/` functions directly against the same DynamoDB Local the HTTP handlers use.
 */
import { inject } from 'vitest';

Object.assign(process.env, inject('env'));
