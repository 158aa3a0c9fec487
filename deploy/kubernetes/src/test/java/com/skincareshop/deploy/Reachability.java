package com.skincareshop.deploy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers "may this pod reach that pod, or that address, on this port?" under a set of NetworkPolicies, as the
 * Kubernetes API defines them: a connection needs the sender's egress allowed (by some policy selecting it for
 * Egress, or by none selecting it so) and the receiver's ingress likewise. A policy selects pods of its own
 * namespace; a peer's podSelector alone means its namespace; named ports are the receiving pod's container ports.
 * An ipBlock matches any address in it, pods' included, as some network plugins do: so a pair found forbidden is
 * forbidden under either reading.
 */
final class Reachability {

    /** A namespace; its kubernetes.io/metadata.name label is added, as the API server does. */
    record Namespace(String name, Map<String, String> labels) {
        Namespace {
            Map<String, String> all = new HashMap<>(labels);
            all.put("kubernetes.io/metadata.name", name);
            labels = Map.copyOf(all);
        }
    }

    /** Either end of a connection. */
    sealed interface Endpoint permits Pod, Address {
        String ip();

        String name();
    }

    record Pod(String name, Namespace namespace, Map<String, String> labels, Map<String, Integer> ports, String ip)
            implements Endpoint {}

    /** An address outside the pod network (the internet, the API server's endpoint). */
    record Address(String name, String ip) implements Endpoint {}

    private final List<NetworkPolicy> policies;

    Reachability(List<NetworkPolicy> policies) {
        this.policies = List.copyOf(policies);
    }

    boolean allows(Pod from, Endpoint to, String protocol, int port) {
        return egressAllows(from, to, protocol, port)
                && (!(to instanceof Pod pod) || ingressAllows(from, pod, protocol, port));
    }

    /** Whether the policies that select {@code from} for Egress let it send there (true when none does). */
    boolean egressAllows(Pod from, Endpoint to, String protocol, int port) {
        List<NetworkPolicy> selecting = selecting(from, "Egress");
        if (selecting.isEmpty()) {
            return true;
        }
        for (NetworkPolicy policy : selecting) {
            for (NetworkPolicyEgressRule rule : orEmpty(policy.getSpec().getEgress())) {
                if (peersMatch(rule.getTo(), namespaceOf(policy), to)
                        && portsMatch(rule.getPorts(), to, protocol, port)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the policies that select {@code to} for Ingress let {@code from} in (true when none does). */
    boolean ingressAllows(Endpoint from, Pod to, String protocol, int port) {
        List<NetworkPolicy> selecting = selecting(to, "Ingress");
        if (selecting.isEmpty()) {
            return true;
        }
        for (NetworkPolicy policy : selecting) {
            for (NetworkPolicyIngressRule rule : orEmpty(policy.getSpec().getIngress())) {
                if (peersMatch(rule.getFrom(), namespaceOf(policy), from)
                        && portsMatch(rule.getPorts(), to, protocol, port)) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<NetworkPolicy> selecting(Pod pod, String type) {
        return policies.stream()
                .filter(p -> namespaceOf(p).equals(pod.namespace().name()))
                .filter(p -> types(p).contains(type))
                .filter(p -> selects(p.getSpec().getPodSelector(), pod.labels()))
                .toList();
    }

    /** policyTypes, or the API's default: Ingress, and Egress when there are egress rules. */
    private static List<String> types(NetworkPolicy policy) {
        List<String> types = policy.getSpec().getPolicyTypes();
        if (types != null && !types.isEmpty()) {
            return types;
        }
        return policy.getSpec().getEgress() == null
                        || policy.getSpec().getEgress().isEmpty()
                ? List.of("Ingress")
                : List.of("Ingress", "Egress");
    }

    private static String namespaceOf(NetworkPolicy policy) {
        String namespace = policy.getMetadata().getNamespace();
        if (namespace == null) {
            throw new IllegalArgumentException(policy.getMetadata().getName() + " has no namespace");
        }
        return namespace;
    }

    /** No peers (the field absent or empty) is everyone; otherwise any one of them. */
    private static boolean peersMatch(List<NetworkPolicyPeer> peers, String policyNamespace, Endpoint endpoint) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer peer : peers) {
            if (peer.getIpBlock() != null) {
                if (inBlock(peer.getIpBlock(), endpoint.ip())) {
                    return true;
                }
                continue;
            }
            if (!(endpoint instanceof Pod pod)) {
                continue;
            }
            boolean namespaceMatches = peer.getNamespaceSelector() == null
                    ? pod.namespace().name().equals(policyNamespace)
                    : selects(peer.getNamespaceSelector(), pod.namespace().labels());
            boolean podMatches = peer.getPodSelector() == null || selects(peer.getPodSelector(), pod.labels());
            if (namespaceMatches && podMatches) {
                return true;
            }
        }
        return false;
    }

    /** No ports is every port; a named port is the receiving pod's container port of that name. */
    private static boolean portsMatch(List<NetworkPolicyPort> ports, Endpoint receiver, String protocol, int port) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort allowed : ports) {
            String allowedProtocol = allowed.getProtocol() == null ? "TCP" : allowed.getProtocol();
            if (!allowedProtocol.equals(protocol)) {
                continue;
            }
            IntOrString number = allowed.getPort();
            if (number == null) {
                return true;
            }
            if (number.getIntVal() != null) {
                int end = allowed.getEndPort() == null ? number.getIntVal() : allowed.getEndPort();
                if (number.getIntVal() <= port && port <= end) {
                    return true;
                }
            } else if (receiver instanceof Pod pod
                    && Integer.valueOf(port).equals(pod.ports().get(number.getStrVal()))) {
                return true;
            }
        }
        return false;
    }

    /** A label selector: every matchLabels entry and every expression; an empty selector selects everything. */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        for (Map.Entry<String, String> label :
                orEmpty(selector.getMatchLabels()).entrySet()) {
            if (!label.getValue().equals(labels.get(label.getKey()))) {
                return false;
            }
        }
        for (LabelSelectorRequirement requirement : orEmpty(selector.getMatchExpressions())) {
            String value = labels.get(requirement.getKey());
            boolean matches = switch (requirement.getOperator()) {
                case "In" -> value != null && requirement.getValues().contains(value);
                case "NotIn" -> value == null || !requirement.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException("operator " + requirement.getOperator());
            };
            if (!matches) {
                return false;
            }
        }
        return true;
    }

    private static boolean inBlock(IPBlock block, String ip) {
        return inCidr(block.getCidr(), ip)
                && orEmpty(block.getExcept()).stream().noneMatch(c -> inCidr(c, ip));
    }

    /** IPv4 only, which is all the checks use. */
    private static boolean inCidr(String cidr, String ip) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (address(parts[0]) & mask) == (address(ip) & mask);
    }

    private static long address(String ip) {
        long value = 0;
        for (String octet : ip.split("\\.")) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
