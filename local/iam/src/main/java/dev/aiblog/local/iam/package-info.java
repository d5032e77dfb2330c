/**
 * Local IAM: per-function temporary credentials, SigV4 verification, SAM policies and an HTTP
 * gateway in front of the local services that refuses what AWS would refuse. Entry points:
 * {@link dev.aiblog.local.iam.IamGateway}, {@link dev.aiblog.local.iam.SamPolicies},
 * {@link dev.aiblog.local.iam.LocalSecretsManager}.
 */
package dev.aiblog.local.iam;
